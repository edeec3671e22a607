import type {ArticleSpec} from '../types.ts'
import {handWashing} from './hand-washing.ts'
import {highBloodPressure} from './high-blood-pressure.ts'
import {infantMentalHealth} from './infant-mental-health.ts'
import {physicalActivityAdults} from './physical-activity-adults.ts'
import {sleepAdults} from './sleep-adults.ts'
import {takingMedicinesSafely} from './taking-medicines-safely.ts'
import {type2DiabetesPrevention} from './type-2-diabetes-prevention.ts'

/** The published articles, in file order: the reference article first, then the dataset's own. */
export const articles: ArticleSpec[] = [
  infantMentalHealth,
  handWashing,
  highBloodPressure,
  physicalActivityAdults,
  sleepAdults,
  takingMedicinesSafely,
  type2DiabetesPrevention,
]
